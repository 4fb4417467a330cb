# Phase diagram at T = 1: log10 of the escape time t* (m reaches 0.5, m0 = 1e-6, t ≤ 100, dt = 0.1),
# the analytic lines of REFERENCE §4 and the thresholds extrapolated by `dmft threshold` (m0 = 1e-12).
# Written by run.sh. Re-render with: gnuplot phase-T1.gp
set terminal pngcairo size 900,860 enhanced font 'DejaVu Sans,12'
set output 'phase-T1.png'
set datafile separator ','
set title "Langevin, Bayes-optimal temperature (T = 1): log10 t* (t ≤ 100) and extrapolated thresholds"
set xlabel "1/Δ2 (matrix channel)"
set ylabel "1/Δp (tensor channel)"
set xrange [0.4:3.1]
set yrange [0.1:2.1]
set grid
set key outside below center maxrows 4 width -6
set palette defined (0 '#1a9850', 0.5 '#fee08b', 1 '#d73027')
set cblabel "log10 t*   (t* = first time m(t) = 0.5, from m0 = 1e-6)"
set datafile missing 'nan'
plot 'map-T1.csv' using 1:2:($3 > 0 ? $5 : 1/0) with points pt 5 ps 2.6 palette title "recovered by t = 100 (colour: log10 t*)", \
     'map-T1.csv' using 1:($3 == 0 ? $2 : 1/0) with points pt 6 ps 1.6 lc rgb 'gray50' title "not recovered by t = 100", \
            [x=1:2] '+' using (x):(x**2/2) with lines lw 3 lc rgb 'blue' title 'Langevin T = 1 heuristic: Δ2 = √(Δp/2)',        [x=1:3] '+' using (x):((x**2-x)/2) with lines lw 2 dt 2 lc rgb 'black' title 'gradient flow: 1/Δ2 = √(1/Δ2 + 2/Δp)', \
            [y=0.1:2.1] '+' using (1):(y) with lines lw 2 dt 3 lc rgb 'magenta' title 'AMP: Δ2 = 1', \
     'thresholds-main.csv' using ($1 == 1 ? $20 : 1/0):3:21 with xerrorbars pt 7 ps 1.5 lc rgb 'black' title "extrapolated divergence of t*, m0 = 1e-12"
