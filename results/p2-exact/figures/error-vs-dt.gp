set terminal pngcairo size 1200,520 font ",11"
set output "error-vs-dt.png"
set datafile separator ","
set multiplot layout 1,2 title "Uniform-grid DMFT against the exact p = 2 solution (ξ = q²/2), t ≤ 8: max error vs dt"
set logscale xy
set format y "10^{%T}"
set xlabel "time step dt"
set ylabel "max |DMFT − exact|  (C, R at t,t′ ∈ {0, 0.5, …, 8}; e at every step)"
set key bottom right spacing 1.1
set grid
set xrange [0.006:0.32]
set yrange [1e-9:1e-1]
g3(x) = 1.4339594733847605e-07 * (x / 0.0078125)**3
g2(x) = 3.931202842033521e-06 * (x / 0.0078125)**2
do for [T in "0 0.5"] {
  set title sprintf("T = %s", T)
  plot "../errors.csv" using (strcol(1) eq T && $2 == 3 ? $3 : 1/0):5 with linespoints pt 7 lc rgb "#1f77b4" title "C, order 3",        "" using (strcol(1) eq T && $2 == 3 ? $3 : 1/0):6 with linespoints pt 5 lc rgb "#2ca02c" title "R, order 3",        "" using (strcol(1) eq T && $2 == 3 ? $3 : 1/0):7 with linespoints pt 9 lc rgb "#d62728" title "e, order 3",        "" using (strcol(1) eq T && $2 == 2 ? $3 : 1/0):5 with linespoints pt 6 dt 2 lc rgb "#1f77b4" title "C, order 2",        "" using (strcol(1) eq T && $2 == 2 ? $3 : 1/0):6 with linespoints pt 4 dt 2 lc rgb "#2ca02c" title "R, order 2",        "" using (strcol(1) eq T && $2 == 2 ? $3 : 1/0):7 with linespoints pt 8 dt 2 lc rgb "#d62728" title "e, order 2",        g3(x) with lines lw 2 lc rgb "black" title "∝ dt³",        g2(x) with lines lw 2 dt 3 lc rgb "gray40" title "∝ dt²"
}
unset multiplot
