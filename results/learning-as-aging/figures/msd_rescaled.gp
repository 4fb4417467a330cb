# Δ/(t_w D(t_w)) = 2Δ(t_w, t_w+τ)/Δ(t_w, 2t_w) against τ/t_w: simple aging collapses the curves.
load 'common.gp'
set output 'msd_rescaled.png'
set multiplot layout 1,2
set xlabel 'τ / t_w'; set ylabel 'Δ(t_w, t_w+τ) / (t_w D(t_w)),  D(t_w) = Δ(t_w, 2t_w)/(2t_w)'
set yrange [1e-3:3e2]
set key bottom right
set title 'glassy: collapse around τ ≈ t_w (aging on the threshold)'
plot for [i=1:words(twg)] '../msd_glassy.csv' using 3:(sel(twg,i,5)) with lines lw 2 title lab(twg,i)
set title sprintf('signal found: collapse lost once t_w + τ passes t^* = %.1f', tstar)
# D(t_w) needs 2t_w within the run: only the first 5 t_w have it.
plot for [i=1:5] '../msd_found.csv' using 3:(sel(twf,i,5)) with lines lw 2 title lab(twf,i)
unset multiplot
