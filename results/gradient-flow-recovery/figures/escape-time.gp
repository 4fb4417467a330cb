set terminal pngcairo size 760,540 font ",11"
set output "escape-time.png"
set datafile separator ","
set title "Escape time t(m = 0.5) of gradient flow, p = 3, Δp = 1"
set logscale y
set format y "10^{%T}"
set xlabel "Δ2"
set ylabel "t* : first time m(t) = 0.5"
set xrange [0.38:0.62]
set yrange [30:3e5]
set grid
set key bottom right box opaque
set arrow from 0.5, graph 0 to 0.5, graph 1 nohead dt 2 lw 2 lc rgb "black"
set label "Δ2^{GF} = 0.5 (m0 → 0^+)" at 0.503, graph 0.93
set label "no escape by t = 10^5" at 0.565, 2.1e5 font ",9"
plot "../escape.csv" using (strcol(3) eq "adaptive" && $2 == 1e-6 && strcol(11) ne "nan" ? $1 : 1/0):11 skip 1 with linespoints pt 7 ps 1.3 lc rgb "#1f77b4" title "m0 = 10^{-6}, adaptive grid", \
     "" using (strcol(3) eq "uniform-dt0.05" ? $1 : 1/0):11 skip 1 with points pt 4 ps 2 lw 2 lc rgb "#2ca02c" title "m0 = 10^{-6}, uniform grid dt = 0.05", \
     "" using (strcol(3) eq "uniform-dt0.025" ? $1 : 1/0):11 skip 1 with points pt 12 ps 2.4 lw 2 lc rgb "#9467bd" title "m0 = 10^{-6}, uniform grid dt = 0.025", \
     "" using ($2 == 1e-9 && strcol(11) ne "nan" ? $1 : 1/0):11 skip 1 with points pt 9 ps 1.6 lc rgb "#d62728" title "m0 = 10^{-9}, adaptive grid", \
     "" using (strcol(3) eq "adaptive" && strcol(11) eq "nan" ? $1 : 1/0):(1e5) skip 1 with points pt 2 ps 2 lw 2 lc rgb "gray30" notitle
