set terminal pngcairo size 1300,540 font ",11"
set output "recovery.png"
set datafile separator ","
set multiplot layout 1,2 title "Gradient flow of the spiked matrix-tensor model, p = 3, Δp = 1, T = 0, m0 = 10^{-6} (DMFT, adaptive grid); threshold Δ2 = 0.5"
deltas = "0.40 0.45 0.48 0.49 0.50 0.52 0.55 0.60"
set logscale x
set xrange [0.01:1e5]
set format x "10^{%T}"
set xlabel "t"
set grid
set key top left title "Δ2" box opaque
set title "overlap with the signal"
set logscale y
set format y "10^{%T}"
set yrange [1e-7:2]
set ylabel "m(t)"
plot for [i=1:words(deltas)] "../trajectories.csv" using (strcol(3) eq "adaptive" && strcol(2) eq "1e-6" && strcol(1) eq word(deltas, i) ? $4 : 1/0):5 with lines lw 2 lc i title word(deltas, i)
set title "energy above the threshold states of each Δ2"
unset logscale y
set format y "%g"
set yrange [-0.3:0.5]
set ylabel "e(t) − E_{th}(Δ2)"
set key top right title "Δ2" box opaque
plot for [i=1:words(deltas)] "../trajectories.csv" using (strcol(3) eq "adaptive" && strcol(2) eq "1e-6" && strcol(1) eq word(deltas, i) ? $4 : 1/0):7 with lines lw 2 lc i title word(deltas, i), \
     0 with lines dt 2 lw 2 lc rgb "black" title "E_{th} (REFERENCE §4)"
unset multiplot
