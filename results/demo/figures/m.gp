# Written by dmft. Re-render with: gnuplot m.gp
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'm.png'
set datafile separator ','
set key autotitle columnhead
set title "Overlap with the signal — spiked-matrix-tensor (p=3, Δ2=0.4, Δp=1), T = 0.0"
set xlabel "t"
set ylabel "m(t)"
set grid
set key opaque
plot 'observables.csv'  using 1:2 with lines lw 2 title "m(t)"
