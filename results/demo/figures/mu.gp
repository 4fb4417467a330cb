# Written by dmft. Re-render with: gnuplot mu.gp
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'mu.png'
set datafile separator ','
set key autotitle columnhead
set title "Lagrange multiplier — spiked-matrix-tensor (p=3, Δ2=0.4, Δp=1), T = 0.0"
set xlabel "t"
set ylabel "μ(t)"
set grid
set key opaque
plot 'observables.csv'  using 1:4 with lines lw 2 title "μ(t)"
