# m(t) of plain and annealed Langevin at T = 1 (top) and the tensor-channel temperature T_p(t) (bottom).
# Re-render from results/annealing-protocol/figures with: gnuplot overlap.gp
set terminal pngcairo size 900,900 enhanced font 'DejaVu Sans,12'
set output 'overlap.png'
set datafile separator ','
set multiplot layout 2,1 title "Spiked matrix-tensor p = 3, Δ2 = 0.5, Δp = 0.3: Langevin at T = 1 from m_0 = 10^{-6},\nplain and with the tensor channel annealed (C = 2)"
set logscale x
set format x '10^{%L}'
set xrange [0.1:10000]
set grid
set key opaque box right top at graph 0.98, graph 0.6
set ylabel "overlap m(t)"
set yrange [-0.02:1.02]
set lmargin 10
plot '../overlaps.csv' using 1:2 with lines lw 3 lc rgb 'black' title "plain", \
     '../overlaps.csv' using 1:3 with lines lw 2 dt 2 lc 1 title "annealed τ = 10", \
     '../overlaps.csv' using 1:4 with lines lw 2 dt 2 lc 2 title "annealed τ = 30", \
     '../overlaps.csv' using 1:5 with lines lw 2 dt 1 lc 3 title "annealed τ = 100", \
     '../geometric.csv' using (strcol(1) eq 'anneal-10' ? $2 : 1/0):3 with lines lw 1 lc 1 title "τ = 10, geometric grid", \
     '../geometric.csv' using (strcol(1) eq 'anneal-30' ? $2 : 1/0):3 with lines lw 1 lc 2 title "τ = 30, geometric grid", \
     '../geometric.csv' using (strcol(1) eq 'anneal-100' ? $2 : 1/0):3 with lines lw 1 lc 3 title "τ = 100, geometric grid", \
     '../check.csv' using 1:2 with points pt 6 ps 1 lc 3 title "τ = 100, uniform grid", \
     0.78309518948453 with lines lw 2 dt 3 lc rgb 'red' title "AMP m_{SE}", \
     0.8849266576866865 with lines lw 1 dt 4 lc rgb 'gray40' title "AMP √m_{SE}"
set xlabel "t"
set ylabel "tensor-channel temperature T_p(t)"
set logscale y
set yrange [0.9:10]
set ytics (1, 2, 4, 8)
unset format y
set key default
set key opaque box right top title "T_p = 1 + (C/Δp) e^{-t/τ}"
plot \
     '../overlaps.csv' using 1:6 with lines lw 2 dt 2 lc 1 title "C = 2, τ = 10", \
     '../overlaps.csv' using 1:7 with lines lw 2 dt 2 lc 2 title "C = 2, τ = 30", \
     '../overlaps.csv' using 1:8 with lines lw 2 dt 1 lc 3 title "C = 2, τ = 100", \
     1 with lines lw 1 lc rgb 'black' title "T_p = 1 (plain)"
unset multiplot
