# C(t_w+τ, t_w) against τ for each t_w, T = 0.5 (with q_EA) and T = 0. Run: gnuplot correlation.gp
load 'common.gp'
set output 'correlation.png'
set multiplot layout 1,2
set logscale x; set format x '10^{%L}'
set xlabel 'lag τ = t − t_w'; set ylabel 'C(t_w+τ, t_w)'; set yrange [0:1.02]
set key bottom left
set title 'p = 3, T = 0.5: plateau at q_{EA}, then aging decay'
set arrow 1 from graph 0, first 0.6388241377678119 to graph 1, first 0.6388241377678119 nohead dt 2 lc 'red'
set label 1 sprintf('CK q_{EA} = %.4f', 0.6388241377678119) at graph 0.62, first 0.6388241377678119 + 0.03 tc 'red'
plot for [i=1:words(tws)] '../correlation_T0.5.csv' using 2:(sel(i,4)) with lines lw 2 title lab(i)
unset arrow 1; unset label 1
set title 'p = 3, T = 0 (gradient flow): q_{EA} = 1'
plot for [i=1:words(tws)] '../correlation_T0.csv' using 2:(sel(i,4)) with lines lw 2 title lab(i)
unset multiplot
