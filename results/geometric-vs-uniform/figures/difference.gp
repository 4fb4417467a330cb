# |e_geometric − e_reference|(t) for every preset (K = 16 against the uniform grid extrapolated in dt).
# Re-render from results/geometric-vs-uniform/figures with: gnuplot difference.gp
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'difference.png'
set datafile separator ','
set logscale xy
set format y '10^{%L}'
set xrange [0.5:100]
set yrange [1e-10:1e-4]
set xlabel 't'
set ylabel '|e_{geometric} − e_{uniform, dt → 0}|'
set grid
set key outside right top
set title "Geometric grid (K = 16) against the uniform grid extrapolated in dt, every preset"
plot \
     '../difference.csv' index 0 using 2:(abs($3)) with lines lw 2 title 'pspin', \
     '../difference.csv' index 1 using 2:(abs($3)) with lines lw 2 title 'pspin-T0', \
     '../difference.csv' index 2 using 2:(abs($3)) with lines lw 2 title 'mixed', \
     '../difference.csv' index 3 using 2:(abs($3)) with lines lw 2 title 'spiked-matrix', \
     '../difference.csv' index 4 using 2:(abs($3)) with lines lw 2 title 'spiked-tensor', \
     '../difference.csv' index 5 using 2:(abs($3)) with lines lw 2 title 'spiked-matrix-tensor', \
     '../difference.csv' index 6 using 2:(abs($3)) with lines lw 2 title 'spiked-matrix-tensor-T0', \
     1e-5 with lines dt 2 lc rgb 'black' title '10^{-5}'
