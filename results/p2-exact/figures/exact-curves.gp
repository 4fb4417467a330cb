set terminal pngcairo size 1200,520 font ",11"
set output "exact-curves.png"
set datafile separator ","
set multiplot layout 1,2 title "p = 2 (ξ = q²/2): DMFT (symbols) against the exact solution (lines)"
set title "energy per spin"
set xlabel "t"
set ylabel "e(t)"
set key top right
set grid
set yrange [-1.05:0.05]
plot "../energy.csv" index 0 using 2:3 with lines lw 2 lc rgb "#1f77b4" title "exact, T = 0",      "" index 0 using 2:4 with points pt 7 ps 0.8 lc rgb "#1f77b4" title "DMFT dt = 0.25, T = 0",      "" index 1 using 2:3 with lines lw 2 lc rgb "#d62728" title "exact, T = 0.5",      "" index 1 using 2:4 with points pt 5 ps 0.8 lc rgb "#d62728" title "DMFT dt = 0.25, T = 0.5",      -1 with lines dt 2 lc rgb "black" title "e(∞) = −1 at T = 0 (REFERENCE §3)"
set title "C(t_w + τ, t_w), T = 0 (solid) and T = 0.5 (dashed); DMFT dt = 0.0625"
set xlabel "τ = t − t_w"
set ylabel "C(t_w + τ, t_w)"
set logscale x
set xrange [0.01:10]
set yrange [0:1.02]
set key bottom left
plot for [i=0:3] "../correlation.csv" using ($1 == 0 && $2 == word("0 1 2 4", i+1) ? $3 : 1/0):4 with lines lw 2 lc i+1 title sprintf("t_w = %s", word("0 1 2 4", i+1)),      for [i=0:3] "" using ($1 == 0.5 && $2 == word("0 1 2 4", i+1) ? $3 : 1/0):4 with lines lw 2 dt 2 lc i+1 notitle,      "../correlation-exact.csv" using 3:4 with points pt 6 ps 1.2 lc rgb "black" title "exact (checkpoints)"
unset multiplot
