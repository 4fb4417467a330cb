# Overlap m(t) with the signal and energy e(t) for both cases. Run: gnuplot overlap.gp
load 'common.gp'
set output 'overlap.png'
set multiplot layout 1,2
set xlabel 't'
set title 'overlap with the signal'
set ylabel 'm(t)'; set yrange [5e-7:2]
set key at graph 0.02, graph 0.88 left top
set arrow 1 from tstar, graph 0 to tstar, graph 1 nohead dt 3 lc 'black'
set label 1 sprintf(' t^* = %.1f', tstar) at tstar, graph 0.7
plot '../observables_glassy.csv' using 1:2 with lines lw 2 title sprintf('Δ_2 = %g (glassy)', 0.7),      '../observables_found.csv' using 1:2 with lines lw 2 title sprintf('Δ_2 = %g (found)', 0.45),      0.8052615503832588 dt 2 lc 2 title sprintf('GF fixed point m = %.4f', 0.8052615503832588)
set title 'energy above the threshold energy of each model'
set ylabel 'e(t) − E_{th}'; unset logscale y; set logscale y; set yrange [1e-4:2]; set format y '10^{%L}'
set key inside bottom left
plot '../observables_glassy.csv' using 1:($3 - (-1.544546277561724)) with lines lw 2 title sprintf('glassy, E_{th} = %.6f', -1.544546277561724),      '../observables_glassy_band8.csv' using 1:($3 - (-1.544546277561724)) with lines dt 2 lw 2 lc 1 title 'glassy, band of 8 cells',      '../observables_found.csv' using 1:($3 - (-1.7863002464743738) > 0 ? $3 - (-1.7863002464743738) : 1/0) with lines lw 2 lc 2 title sprintf('found, E_{th} = %.6f (e < E_{th} after t^*)', -1.7863002464743738)
unset multiplot
