# Re-render from this folder with: gnuplot spiked.gp (reads ../series-spiked.csv, ../extrapolation-spiked.csv,
# ../fits-spiked.csv, ../fitlines-spiked.csv written by run.sh)
set terminal pngcairo size 1650,990 enhanced font 'DejaVu Sans,11'
set output 'spiked.png'
set datafile separator ','
set grid
set key opaque box font ',10'
sizes = "32 64 128"
times = "0.5 1 2 4 8"
obs = "m energy"
label(o) = (o eq 'm') ? 'm(t) = x·x^*/N' : 'e(t) = H(x(t))/N'
short(o) = (o eq 'm') ? 'm' : 'e'
colour(i) = word("#1f77b4 #ff7f0e #2ca02c #9467bd", i)
set multiplot layout 2,3 title "Spiked matrix-tensor p = 3, Δ2 = 0.4, Δp = 1, gradient flow from m_0 = 0.3: N = 32, 64, 128 (mean ± s.e. over 8192/N samples) against DMFT (N → ∞)" font ',13'
do for [j=1:words(obs)] {
  o = word(obs, j)
  set xlabel 't'
  set ylabel label(o)
  if (o eq 'm') { set key bottom right Right noreverse width -4 samplen 2 } else { set key top right Right noreverse width -4 samplen 2 }
  set offsets 0, 0, 0, 0
  set title sprintf("%s: finite N and DMFT", label(o))
  plot for [i=1:words(sizes)] '../series-spiked.csv' using 1:(column(o.'_'.word(sizes,i))):(column(o.'_'.word(sizes,i).'_err')) every 4 \
         with yerrorbars pt 7 ps 0.5 lc rgb colour(i) title 'N = '.word(sizes,i), \
       '../series-spiked.csv' using 1:(column(o.'_dmft')) with lines lw 2 lc rgb 'black' title 'DMFT', \
       (o eq 'm' ? 0.826912 : -2.095231) with lines dt 2 lw 1.5 lc rgb 'gray40' title sprintf('gradient-flow fixed point (t → ∞): %s', (o eq 'm' ? '0.826912' : '-2.095231'))
  unset yrange
  set ylabel short(o).'_N(t) − '.short(o).'_{DMFT}(t)'
  set key top right Right noreverse width -4 samplen 2
  set offsets 0, 0, graph 0.35, 0
  set xrange [-0.03 * 8 : 1.03 * 8]
  set title 'deviation from DMFT; black: N → ∞ extrapolation ± s.e.'
  plot for [i=1:words(sizes)] '../series-spiked.csv' using 1:(column(o.'_'.word(sizes,i).'_minus_dmft')):(column(o.'_'.word(sizes,i).'_err')) every 4 \
         with yerrorbars pt 7 ps 0.4 lc rgb colour(i) title 'N = '.word(sizes,i), \
       '../fits-spiked.csv' using 3:(strcol(1) eq o ? column('inf_minus_dmft') : NaN):'inf_err' \
         with yerrorbars pt 5 ps 1.2 lw 2 lc rgb 'black' title 'N → ∞ (fit y_∞ + b/N)', \
       0 with lines lw 1 lc rgb 'black' notitle
  set xlabel '1/N'
  set title 'y_N − y_{DMFT} against 1/N at the compare times; fit y_∞ + b/N'
  set key top left Left reverse width 1 samplen 2
  set xrange [-0.1/32 : 1.1/32]
  plot for [k=1:words(times)] '../extrapolation-spiked.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('minus_dmft') : NaN):'err' \
         with yerrorbars pt 7 ps 0.8 lc k notitle, \
       for [k=1:words(times)] '../fitlines-spiked.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('y') : NaN) \
         with lines lw 1.5 lc k title 't = '.word(times,k), \
       for [k=1:words(times)] '../fits-spiked.csv' using (0):(strcol(1) eq o && column('k') == k ? column('inf_minus_dmft') : NaN):'inf_err' \
         with yerrorbars pt 5 ps 1.2 lc k notitle, \
       0 with lines lw 1 lc rgb 'black' notitle
  unset xrange
}

unset multiplot
