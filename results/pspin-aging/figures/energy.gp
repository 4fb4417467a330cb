# Energy relaxation towards the CK asymptotic energy (T = 0.5) and the threshold energy (T = 0).
load 'common.gp'
set terminal pngcairo size 900,600 enhanced font 'DejaVu Sans,12'
set output 'energy.png'
set logscale xy; set format x '10^{%L}'; set format y '10^{%L}'
set xlabel 't'; set ylabel 'e(t) − E_{ref}'
set xrange [1:1.2e6]; set yrange [1e-4:1]
set key top right
set title 'p = 3: e(t) − E_{ref}, E_{ref} = E_∞^{CK}(T=0.5), E_{th} (T=0); dashed: fits e_∞ + A t^{−α} on [10^4, 10^6]'
plot '../energy_T0.5.csv' using 1:($2 - (-0.8866927718845923)) with lines lw 2 lc 1 title sprintf('T = 0.5, E_{ref} = %.6f', -0.8866927718845923),      '../energy_T0.5.csv' using 1:($1 >= 1e4 ? $3 - (-0.8866927718845923) : 1/0) with lines dt 2 lw 2 lc 1 title sprintf('fit: e_∞ = %.6f', -0.8862625951906167),      '../energy_T0.csv' using 1:($2 - (-1.1547005383792515)) with lines lw 2 lc 2 title sprintf('T = 0, E_{ref} = E_{th} = %.6f', -1.1547005383792515),      '../energy_T0.csv' using 1:($1 >= 1e4 ? $3 - (-1.1547005383792515) : 1/0) with lines dt 2 lw 2 lc 2 title sprintf('fit: e_∞ = %.6f', -1.1542980662889806)
