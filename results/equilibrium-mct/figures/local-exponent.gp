set terminal pngcairo size 900,560 font ",11"
set output "local-exponent.png"
set datafile separator ","
set title "β regime: local exponent d ln|C − q_d| / d ln τ (MCT: −a before the plateau, +b after)"
set logscale x
set format x "10^{%T}"
set xrange [1e-2:1e8]
set yrange [-1:2]
colors = "#4b0082 #1f77b4 #17becf #2ca02c #bcbd22 #ff7f0e #d62728 #8c564b #000000"
do for [i=1:9] { set linetype i lc rgb word(colors, i) }
set xlabel "τ (time lag)"
set ylabel "d ln|C(τ) − q_d| / d ln τ"
set grid
set key outside right title "T" box
temps = "0.63 0.62 0.615 0.613 0.6125"
idx(T) = (T eq "0.63" ? 4 : T eq "0.62" ? 5 : T eq "0.615" ? 6 : T eq "0.613" ? 7 : 8)
plot for [i=1:words(temps)] "../local-exponent.csv" index idx(word(temps, i)) using 2:4 with lines lw 2 lc i+4 title word(temps, i),      -0.3952630630807413 with lines dt 2 lw 2 lc rgb "black" title "−a = −0.3953",      0.9999999999999997 with lines dt 4 lw 2 lc rgb "black" title "b = 1.0000"
