# Re-render from this folder with: gnuplot escape.gp (reads ../series-escape.csv, ../extrapolation-escape.csv,
# ../fits-escape.csv, ../fitlines-escape.csv written by run.sh)
set terminal pngcairo size 1650,990 enhanced font 'DejaVu Sans,11'
set output 'escape.png'
set datafile separator ','
set grid
set key opaque box font ',10'
sizes = "64 128 256"
times = "10 20 50"
obs = "m energy"
label(o) = (o eq 'm') ? 'm(t) = x·x^*/N' : 'e(t) = H(x(t))/N'
short(o) = (o eq 'm') ? 'm' : 'e'
colour(i) = word("#1f77b4 #ff7f0e #2ca02c #9467bd", i)
set multiplot layout 2,3 title "Spiked matrix-tensor p = 3, Δ2 = 0.4, Δp = 1, gradient flow from m_0 = 1e-3: N = 64, 128, 256 (mean ± s.e. over 192, 64, 12 samples) against DMFT (N → ∞)" font ',13'
do for [j=1:words(obs)] {
  o = word(obs, j)
  set xlabel 't'
  set ylabel label(o)
  if (o eq 'm') { set key top left Left reverse width -4 samplen 2; set yrange [-0.5:1.5] } else { set key top right Right noreverse width -4 samplen 2 }
  set offsets 0, 0, 0, 0
  set title sprintf("%s: finite N and DMFT", label(o))
  plot for [i=1:words(sizes)] '../series-escape.csv' using 1:(column(o.'_'.word(sizes,i))):(column(o.'_'.word(sizes,i).'_err')) every 8 \
         with yerrorbars pt 7 ps 0.5 lc rgb colour(i) title 'N = '.word(sizes,i), \
       '../series-escape.csv' using 1:(column(o.'_dmft')) with lines lw 2 lc rgb 'black' title 'DMFT', \
       (o eq 'm' ? 0.826912 : -2.095231) with lines dt 2 lw 1.5 lc rgb 'gray40' title sprintf('gradient-flow fixed point: %s', (o eq 'm' ? '0.826912' : '-2.095231')), \
       (o eq 'm' ? NaN : -1.863170) with lines dt 3 lw 1.5 lc rgb 'gray60' title (o eq 'm' ? '' : 'E_{th} = -1.863170')
  unset yrange
  set ylabel short(o).'_N(t) − '.short(o).'_{DMFT}(t)'
  set key top right Right noreverse width -4 samplen 2
  set offsets 0, 0, graph 0.35, 0
  set xrange [-0.03 * 50 : 1.03 * 50]
  set title 'deviation from DMFT; black: N → ∞ extrapolation ± s.e.'
  plot for [i=1:words(sizes)] '../series-escape.csv' using 1:(column(o.'_'.word(sizes,i).'_minus_dmft')):(column(o.'_'.word(sizes,i).'_err')) every 8 \
         with yerrorbars pt 7 ps 0.4 lc rgb colour(i) title 'N = '.word(sizes,i), \
       '../fits-escape.csv' using 3:(strcol(1) eq o ? column('inf_minus_dmft') : NaN):'inf_err' \
         with yerrorbars pt 5 ps 1.2 lw 2 lc rgb 'black' title 'N → ∞ (fit y_∞ + b/N)', \
       0 with lines lw 1 lc rgb 'black' notitle
  set xlabel '1/N'
  set title 'y_N − y_{DMFT} against 1/N at the compare times; fit y_∞ + b/N'
  set key top left Left reverse width 1 samplen 2
  set xrange [-0.1/64 : 1.1/64]
  plot for [k=1:words(times)] '../extrapolation-escape.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('minus_dmft') : NaN):'err' \
         with yerrorbars pt 7 ps 0.8 lc k notitle, \
       for [k=1:words(times)] '../fitlines-escape.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('y') : NaN) \
         with lines lw 1.5 lc k title 't = '.word(times,k), \
       for [k=1:words(times)] '../fits-escape.csv' using (0):(strcol(1) eq o && column('k') == k ? column('inf_minus_dmft') : NaN):'inf_err' \
         with yerrorbars pt 5 ps 1.2 lc k notitle, \
       0 with lines lw 1 lc rgb 'black' notitle
  unset xrange
}

unset multiplot
