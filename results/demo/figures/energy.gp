# Written by dmft. Re-render with: gnuplot energy.gp
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'energy.png'
set datafile separator ','
set key autotitle columnhead
set title "Energy per spin — spiked-matrix-tensor (p=3, Δ2=0.4, Δp=1), T = 0.0 (est. error 6.8e-04)"
set xlabel "t"
set ylabel "e(t)"
set grid
set key opaque
plot 'observables.csv'  using 1:3 with lines lw 2 title "e(t)"
