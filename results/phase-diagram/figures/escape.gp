# Escape time t* (m reaches 0.5) against Δ2 / Δ2(line), every scan of `dmft threshold`, with the
# power-law fits t* = A |Δ2c − Δ2|^(−θ). Written by run.sh. Re-render with: gnuplot escape.gp
set terminal pngcairo size 900,700 enhanced font 'DejaVu Sans,12'
set output 'escape.png'
set datafile separator ','
set title "Escape time near the algorithmic threshold (p = 3): points DMFT, lines power-law fits"
set xlabel "Δ2 / Δ2(analytic line)   (T = 0: gradient flow line; T = 1: Langevin heuristic)"
set ylabel "t*  (first time m(t) reaches 0.5 at T = 0, 0.3 at T = 1)"
set logscale y
set format y "10^{%L}"
set grid
set key outside below center maxrows 5 width -2 spacing 1.1
set xlabel offset 0,0.3
set xrange [0.6799999999999999:1.02]
set arrow from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb 'black'
plot 'escape.csv' using (strcol(1) eq 'T0-dp1-m01e-12-N256' ? $7 : 1/0):8 with points pt 5 ps 1.2 lc rgb '#1b9e77' title 'T = 0, Δp = 1, m0 = 1e-12, window 256', \
     'fits.csv' using (strcol(1) eq 'T0-dp1-m01e-12-N256' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#1b9e77' notitle, \
     'escape.csv' using (strcol(1) eq 'T0-dp1-m01e-12-N512' ? $7 : 1/0):8 with points pt 7 ps 1.2 lc rgb '#d95f02' title 'T = 0, Δp = 1, m0 = 1e-12', \
     'fits.csv' using (strcol(1) eq 'T0-dp1-m01e-12-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#d95f02' notitle, \
     'escape.csv' using (strcol(1) eq 'T0-dp1-m01e-24-N512' ? $7 : 1/0):8 with points pt 9 ps 1.2 lc rgb '#7570b3' title 'T = 0, Δp = 1, m0 = 1e-24', \
     'fits.csv' using (strcol(1) eq 'T0-dp1-m01e-24-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#7570b3' notitle, \
     'escape.csv' using (strcol(1) eq 'T0-dp1-m01e-06-N512' ? $7 : 1/0):8 with points pt 11 ps 1.2 lc rgb '#e7298a' title 'T = 0, Δp = 1, m0 = 1e-06', \
     'fits.csv' using (strcol(1) eq 'T0-dp1-m01e-06-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#e7298a' notitle, \
     'escape.csv' using (strcol(1) eq 'T0-dp2-m01e-12-N512' ? $7 : 1/0):8 with points pt 5 ps 1.2 lc rgb '#66a61e' title 'T = 0, Δp = 2, m0 = 1e-12', \
     'fits.csv' using (strcol(1) eq 'T0-dp2-m01e-12-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#66a61e' notitle, \
     'escape.csv' using (strcol(1) eq 'T0-dp2-m01e-24-N512' ? $7 : 1/0):8 with points pt 7 ps 1.2 lc rgb '#e6ab02' title 'T = 0, Δp = 2, m0 = 1e-24', \
     'fits.csv' using (strcol(1) eq 'T0-dp2-m01e-24-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#e6ab02' notitle, \
     'escape.csv' using (strcol(1) eq 'T0-dp4-m01e-12-N512' ? $7 : 1/0):8 with points pt 9 ps 1.2 lc rgb '#a6761d' title 'T = 0, Δp = 4, m0 = 1e-12', \
     'fits.csv' using (strcol(1) eq 'T0-dp4-m01e-12-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#a6761d' notitle, \
     'escape.csv' using (strcol(1) eq 'T0-dp4-m01e-24-N512' ? $7 : 1/0):8 with points pt 11 ps 1.2 lc rgb '#666666' title 'T = 0, Δp = 4, m0 = 1e-24', \
     'fits.csv' using (strcol(1) eq 'T0-dp4-m01e-24-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#666666' notitle, \
     'escape.csv' using (strcol(1) eq 'T1-dp0.75-m01e-12-N512' ? $7 : 1/0):8 with points pt 5 ps 1.2 lc rgb '#1f78b4' title 'T = 1, Δp = 0.75, m0 = 1e-12', \
     'fits.csv' using (strcol(1) eq 'T1-dp0.75-m01e-12-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#1f78b4' notitle, \
     'escape.csv' using (strcol(1) eq 'T1-dp1-m01e-12-N512' ? $7 : 1/0):8 with points pt 7 ps 1.2 lc rgb '#1b9e77' title 'T = 1, Δp = 1, m0 = 1e-12', \
     'fits.csv' using (strcol(1) eq 'T1-dp1-m01e-12-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#1b9e77' notitle, \
     'escape.csv' using (strcol(1) eq 'T1-dp1.5-m01e-12-N512' ? $7 : 1/0):8 with points pt 9 ps 1.2 lc rgb '#d95f02' title 'T = 1, Δp = 1.5, m0 = 1e-12', \
     'fits.csv' using (strcol(1) eq 'T1-dp1.5-m01e-12-N512' ? $6 : 1/0):7 with lines lw 1.5 lc rgb '#d95f02' notitle
