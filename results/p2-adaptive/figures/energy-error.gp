set terminal pngcairo size 1200,520 font ",11"
set output "energy-error.png"
set datafile separator ","
set multiplot layout 1,2 title "Adaptive grid against the exact p = 2 solution: |e − e_{exact}| (ξ = q²/2, window N, band 3)"
set logscale xy
set format y "10^{%T}"
set format x "10^{%T}"
set xlabel "t"
set ylabel "|e_{adaptive} − e_{exact}|"
set key top left spacing 1.1
set grid
set xrange [1:1e6]
set yrange [1e-8:3]
do for [T in "0 0.5"] {
  set title sprintf("T = %s", T)
  plot for [w in "256 512 1024"] "../energy-error.csv" using (strcol(1) eq T && $2 == w && strcol(3) eq "pinned" ? $4 : 1/0):(abs($7)) \
         with lines lw 2 title sprintf("N = %s", w), \
       "" using (strcol(1) eq T && $2 == 512 && strcol(3) eq "defects" ? $4 : 1/0):(abs($7)) \
         with lines lw 2 dt 2 title "N = 512, --lag-defect", \
       "" using (strcol(1) eq T && $2 == 512 && strcol(3) eq "plain" ? $4 : 1/0):(abs($7)) \
         with lines lw 2 dt 3 lc rgb "gray40" title "N = 512, --pinned-points 0"
}
unset multiplot
