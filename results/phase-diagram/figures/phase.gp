# Written by dmft. Re-render with: gnuplot phase.gp
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'phase.png'
set datafile separator ','
set key autotitle columnhead
set title "log10 t* (m reaches 0.5 by t = 100.0), T = 0.0"
set xlabel "1/Δ2"
set ylabel "1/Δp"
set grid
set key opaque
set xrange [0.5:3.0]
set yrange [0.1:2.0]
set view map
set palette defined (0 '#1a9850', 0.5 '#fee08b', 1 '#d73027')
set cblabel 'log10 t*'
set datafile missing 'nan'
plot 'phase.csv'  using 1:2:3 with points pt 5 ps 2.2 palette title "", \
     'phase.csv'  using 1:($4 == 0 ? $2 : 1/0) with points pt 6 ps 1.6 lc rgb 'gray40' title "not recovered", \
     'lines.csv'  using 1:2 with lines lw 3 lc rgb 'black' title "gradient flow (BBP)", \
     'lines.csv'  using 3:4 with lines lw 2 dt 2 lc rgb 'blue' title "Langevin T=1 heuristic", \
     'lines.csv'  using 5:6 with lines lw 2 dt 3 lc rgb 'magenta' title "AMP (Δ2 = 1)"
