# e_adaptive(t) − e_reference(t), the reference being the twice-extrapolated uniform grid. Run: gnuplot error.gp
set terminal pngcairo size 1300,520 enhanced font 'DejaVu Sans,11'
set output 'error.png'
set datafile separator ','
set multiplot layout 1,2
set logscale x; set format x '10^{%L}'; set xrange [1:1000]
set xlabel 't'; set ylabel 'e_{adaptive} − e_{reference}  [10^{-4}]'
set grid; set key top left opaque box
do for [T in "0.5 0"] {
  set title sprintf('p = 3, T = %s, random start', T)
  plot for [w in "256 512 1024 2048"] sprintf('../error_T%s_w%s_b3.csv', T, w) using 1:($4*1e4) with lines lw 2 title sprintf('window %s, band 3', w), \
       sprintf('../error_T%s_w1024_b5.csv', T) using 1:($4*1e4) with lines lw 2.5 dt 2 lc rgb '#b8860b' title 'window 1024, band 5', \
       sprintf('../error_T%s_w1024_b8.csv', T) using 1:($4*1e4) with lines lw 2.5 dt 3 lc rgb '#1f3fbf' title 'window 1024, band 8', \
       0 with lines lc 'black' notitle
}
unset multiplot
