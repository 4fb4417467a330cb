set terminal pngcairo size 900,560 font ",11"
set output "correlations.png"
set datafile separator ","
set title "Equilibrium C(τ) of the 3-spin (ξ = q³/2) approaching T_d = 0.612372 from above"
set logscale x
set format x "10^{%T}"
set xrange [1e-3:1e9]
set yrange [0:1.02]
set xlabel "τ (time lag)"
set ylabel "C(τ)"
set grid
set key outside right title "T" box
# Nine distinguishable colours (gnuplot's default cycle has eight).
colors = "#4b0082 #1f77b4 #17becf #2ca02c #bcbd22 #ff7f0e #d62728 #8c564b #000000"
do for [i=1:9] { set linetype i lc rgb word(colors, i) }
temps = "1.0 0.8 0.7 0.65 0.63 0.62 0.615 0.613 0.6125"
plot for [i=1:words(temps)] "../correlations.csv" index (i-1) using 2:3 with lines lw 2 lc i title word(temps, i),      0.49999999999999994 with lines dt 2 lw 3 lc rgb "gray50" title "q_d = 0.500",      exp(-1) with lines dt 3 lc rgb "gray40" title "C = 1/e (τ_α)"
