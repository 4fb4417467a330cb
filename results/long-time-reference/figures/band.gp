# Error of e(10³) against the width of the copied band, windows 512 and 1024. Run: gnuplot band.gp
set terminal pngcairo size 900,560 enhanced font 'DejaVu Sans,12'
set output 'band.png'
set datafile separator ','
set xlabel 'band cells B'; set ylabel 'e(10^3) − e_{reference}  [10^{-4}]'
set grid; set key top right opaque box
set xrange [1.5:8.5]
plot for [T in "0.5 0"] for [w in "512 1024"] sprintf('../band_T%s_w%s.csv', T, w) using 1:($2*1e4) \
       with linespoints lw 2 pt 7 title sprintf('T = %s, window %s', T, w), 0 with lines lc 'black' notitle
