# Simple-aging collapse: C against τ/t_w. Run: gnuplot collapse.gp
load 'common.gp'
set output 'collapse.png'
set multiplot layout 1,2
set logscale x; set format x '10^{%L}'
set xlabel 'τ / t_w'; set ylabel 'C(t_w+τ, t_w)'; set yrange [0:1.02]
set key bottom left
set title 'T = 0.5: C against τ/t_w (aging part below q_{EA} collapses)'
set arrow 1 from graph 0, first 0.6388241377678119 to graph 1, first 0.6388241377678119 nohead dt 2 lc 'red'
plot for [i=1:words(tws)] '../correlation_T0.5.csv' using 3:(sel(i,4)) with lines lw 2 title lab(i)
unset arrow 1
set title 'T = 0: C against τ/t_w'
plot for [i=1:words(tws)] '../correlation_T0.csv' using 3:(sel(i,4)) with lines lw 2 title lab(i)
unset multiplot
