# |e_adaptive − e_uniform,Richardson|(t) for every preset, default window (dashed), window 2048
# (solid), window 2048 with --lag-defect (dotted). Written by run.sh; re-render with: gnuplot agreement.gp
set terminal pngcairo size 1500,700 enhanced font 'DejaVu Sans,11'
set output 'agreement.png'
set datafile separator ','
set logscale y
set format y '10^{%L}'
set yrange [1e-9:1e-3]
set xrange [0:100]
set grid
set xlabel 't'
set ylabel '|e_{adaptive}(t) − e_{uniform}(t)|'
set key outside right top Left reverse samplen 2 width -2
set title 'Coarsening grid against the uniform grid (Richardson: dt = 0.01/0.02 to t = 20, 0.02/0.04 beyond)'
cases = "pspin-T0.5 mixed-T0 spiked-matrix-T0 spiked-tensor-T0 spiked-matrix-tensor-T0"
colour(i) = word("#1f77b4 #ff7f0e #2ca02c #d62728 #9467bd", i)
plot for [i=1:5] '../series.csv' using (strcol(1) eq word(cases,i) && strcol(2) eq "512" ? column(3) : NaN):4 \
       with lines dt 2 lw 1.5 lc rgb colour(i) title word(cases,i).', window 512, h0 0.01', \
     for [i=1:5] '../series.csv' using (strcol(1) eq word(cases,i) && strcol(2) eq "2048" ? column(3) : NaN):4 \
       with lines lw 2 lc rgb colour(i) title word(cases,i).', window 2048, h0 0.005', \
     for [i=1:5] '../series.csv' using (strcol(1) eq word(cases,i) && strcol(2) eq "2048-ld" ? column(3) : NaN):4 \
       with lines dt 3 lw 2.5 lc rgb colour(i) title word(cases,i).', window 2048, --lag-defect', \
     1e-5 with lines lw 1 lc rgb 'black' title '10^{-5} (issue 3)'
