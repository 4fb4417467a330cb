# Re-render from this folder with: gnuplot escape-samples.gp (reads ../trajectories-escape-64.csv,
# ../trajectories-escape-128.csv, ../series-escape.csv, ../dmft-escape-negative.csv, ../escape-time-dmft.csv
# written by run.sh)
set terminal pngcairo size 1650,520 enhanced font 'DejaVu Sans,11'
set output 'escape-samples.png'
set datafile separator ','
set grid
set key opaque box font ',10'
set multiplot layout 1,3 title "Spiked matrix-tensor p = 3, Δ2 = 0.4, Δp = 1, gradient flow from m_0 = 1e-3: single samples" font ',13'
set xlabel 't'
set ylabel 'm(t)'
set yrange [-1:1]
set key bottom right Right noreverse width -4 samplen 2
do for [n in "64 128"] {
  file = '../trajectories-escape-'.n.'.csv'
  stats file using 0 nooutput
  cols = STATS_columns
  set title 'N = '.n.': m(t) of '.(cols - 1).' single samples (one seed each)'
  plot for [s=2:cols] file using 1:s with lines lw 1 lc rgb '#801f77b4' notitle, \
       NaN with lines lw 1 lc rgb '#1f77b4' title 'one sample', \
       '../series-escape.csv' using 1:'m_dmft' with lines lw 3 lc rgb 'black' title 'DMFT from m_0', \
       '../dmft-escape-negative.csv' using 1:2 with lines lw 3 dt 4 lc rgb 'black' title 'DMFT from −m_0', \
       0.826912 with lines dt 2 lw 1.5 lc rgb 'gray40' title 'gradient-flow fixed point'
}
unset yrange
set logscale x
set format x '10^{%T}'
set xlabel 'm_0'
set ylabel 'DMFT escape time (m = 0.5)'
set key top right Right noreverse width -4 samplen 2
set title 'DMFT escape time (m = 0.5) against m_0; finite-N medians'
set xrange [1e-4:1]
plot '../escape-time-dmft.csv' using 1:2 with linespoints pt 7 lw 2 lc rgb 'black' title 'DMFT', \
     '+' using (1e-3):(20.88) every ::0::0 with points pt 6 ps 2.5 lw 2 lc rgb 'black' title 'this study: m_0 = 1e-3, t = 20.88', \
     3.83 with lines dt 2 lw 2 lc rgb '#1f77b4' title 'N = 64: median escape 3.83 (DMFT from m_0 = 0.035)', \
     3.79 with lines dt 3 lw 2 lc rgb '#ff7f0e' title 'N = 128: median escape 3.79 (DMFT from m_0 = 0.036)'
unset multiplot
