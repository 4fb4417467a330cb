# Written by dmft. Re-render with: gnuplot correlation.gp
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'correlation.png'
set datafile separator ','
set key autotitle columnhead
set title "Two-time correlation C(t_w + τ, t_w)"
set xlabel "τ = t − t_w"
set ylabel "C(t_w + τ, t_w)"
set grid
set key opaque
set logscale x
set format x '10^{%L}'
plot 'correlation.csv'  using 3:($1==0 ? $4 : 1/0) with lines lw 2 title "t_w = 0", \
     'correlation.csv'  using 3:($1==1 ? $4 : 1/0) with lines lw 2 title "t_w = 1", \
     'correlation.csv'  using 3:($1==2 ? $4 : 1/0) with lines lw 2 title "t_w = 4", \
     'correlation.csv'  using 3:($1==3 ? $4 : 1/0) with lines lw 2 title "t_w = 16"
