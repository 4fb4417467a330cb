# Mean-square displacement Δ(t_w, t_w+τ) = 2(1 − C) against τ. Run: gnuplot msd.gp
load 'common.gp'
set output 'msd.png'
set multiplot layout 1,2
set xlabel 'lag τ = t − t_w'; set ylabel 'Δ(t_w, t_w+τ) = 2(1 − C)'
set yrange [1e-4:3]
set key bottom right
set title sprintf('glassy: Δ_2 = %g > Δ_2^{GF} = %g (m stays ≈ 0)', 0.7, 0.5)
plot for [i=1:words(twg)] '../msd_glassy.csv' using 2:(sel(twg,i,4)) with lines lw 2 title lab(twg,i)
set title sprintf('signal found: Δ_2 = %g < Δ_2^{GF}; m(t) escapes at t^* = %.1f', 0.45, tstar)
plot for [i=1:words(twf)] '../msd_found.csv' using 2:(sel(twf,i,4)) with lines lw 2 title lab(twf,i)
unset multiplot
