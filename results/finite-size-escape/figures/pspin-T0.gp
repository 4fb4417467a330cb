# Re-render from this folder with: gnuplot pspin-T0.gp (reads ../series-pspin-T0.csv, ../extrapolation-pspin-T0.csv,
# ../fits-pspin-T0.csv, ../fitlines-pspin-T0.csv written by run.sh)
set terminal pngcairo size 1650,990 enhanced font 'DejaVu Sans,11'
set output 'pspin-T0.png'
set datafile separator ','
set grid
set key opaque box font ',10'
sizes = "64 128 256"
times = "3 10 30 100"
obs = "energy"
label(o) = (o eq 'm') ? 'm(t) = x·x^*/N' : 'e(t) = H(x(t))/N'
short(o) = (o eq 'm') ? 'm' : 'e'
colour(i) = word("#1f77b4 #ff7f0e #2ca02c #9467bd", i)
set multiplot layout 2,3 title "Pure 3-spin, gradient flow (T = 0) from a random start: N = 64, 128, 256 (mean ± s.e. over 192, 64, 12 samples) against DMFT (N → ∞)" font ',13'
do for [j=1:words(obs)] {
  o = word(obs, j)
  set xlabel 't'
  set ylabel label(o)
  if (o eq 'm') { set key top left Left reverse width -4 samplen 2; set yrange [-0.5:1.5] } else { set key top right Right noreverse width -4 samplen 2 }
  set offsets 0, 0, 0, 0
  set title sprintf("%s: finite N and DMFT", label(o))
  plot for [i=1:words(sizes)] '../series-pspin-T0.csv' using 1:(column(o.'_'.word(sizes,i))):(column(o.'_'.word(sizes,i).'_err')) every 8 \
         with yerrorbars pt 7 ps 0.5 lc rgb colour(i) title 'N = '.word(sizes,i), \
       '../series-pspin-T0.csv' using 1:(column(o.'_dmft')) with lines lw 2 lc rgb 'black' title 'DMFT', \
       -1.154701 with lines dt 2 lw 1.5 lc rgb 'gray40' title 'E_{th} = -1.154701 (t → ∞)'
  unset yrange
  set ylabel short(o).'_N(t) − '.short(o).'_{DMFT}(t)'
  set key top right Right noreverse width -4 samplen 2
  set offsets 0, 0, graph 0.35, 0
  set xrange [-0.03 * 100 : 1.03 * 100]
  set title 'deviation from DMFT; black: N → ∞ extrapolation ± s.e.'
  plot for [i=1:words(sizes)] '../series-pspin-T0.csv' using 1:(column(o.'_'.word(sizes,i).'_minus_dmft')):(column(o.'_'.word(sizes,i).'_err')) every 8 \
         with yerrorbars pt 7 ps 0.4 lc rgb colour(i) title 'N = '.word(sizes,i), \
       '../fits-pspin-T0.csv' using 3:(strcol(1) eq o ? column('inf_minus_dmft') : NaN):'inf_err' \
         with yerrorbars pt 5 ps 1.2 lw 2 lc rgb 'black' title 'N → ∞ (fit y_∞ + b/N)', \
       0 with lines lw 1 lc rgb 'black' notitle
  set xlabel '1/N'
  set title 'y_N − y_{DMFT} against 1/N at the compare times; fit y_∞ + b/N'
  set key top left Left reverse width 1 samplen 2
  set xrange [-0.1/64 : 1.1/64]
  plot for [k=1:words(times)] '../extrapolation-pspin-T0.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('minus_dmft') : NaN):'err' \
         with yerrorbars pt 7 ps 0.8 lc k notitle, \
       for [k=1:words(times)] '../fitlines-pspin-T0.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('y') : NaN) \
         with lines lw 1.5 lc k title 't = '.word(times,k), \
       for [k=1:words(times)] '../fits-pspin-T0.csv' using (0):(strcol(1) eq o && column('k') == k ? column('inf_minus_dmft') : NaN):'inf_err' \
         with yerrorbars pt 5 ps 1.2 lc k notitle, \
       0 with lines lw 1 lc rgb 'black' notitle
  unset xrange
}
  set xlabel 't'
  set offsets 0, 0, 0, 0
  set key top right Right noreverse width -4 samplen 2
  set title '(e_N − e_{DMFT})/s.e._N: the DMFT is outside ±3 s.e. where the curve is'
  set ylabel '(e_N − e_{DMFT}) / s.e.'
  plot for [i=1:words(sizes)] '../series-pspin-T0.csv' using 1:(column('energy_'.word(sizes,i).'_minus_dmft')/column('energy_'.word(sizes,i).'_err')) \
         with lines lw 1.5 lc rgb colour(i) title 'N = '.word(sizes,i), \
       3 with lines dt 2 lc rgb 'black' title '±3', -3 with lines dt 2 lc rgb 'black' notitle
  set title 'N (e_N − e_{DMFT}): one curve at every N if the correction is b(t)/N'
  set ylabel 'N (e_N − e_{DMFT})'
  plot for [i=1:words(sizes)] '../series-pspin-T0.csv' using 1:(word(sizes,i)*column('energy_'.word(sizes,i).'_minus_dmft')):(word(sizes,i)*column('energy_'.word(sizes,i).'_err')) every 8 \
         with yerrorbars pt 7 ps 0.4 lc rgb colour(i) title 'N = '.word(sizes,i)
unset multiplot
