# Sourced by results/finite-size/run.sh and results/finite-size-escape/run.sh: the gnuplot script of a
# finite-N-against-DMFT figure, written beside its PNG and rendered. One row of three panels per
# observable: y(t) at each N with the DMFT curve; y_N(t) − y_DMFT(t) with the N → ∞ extrapolation;
# y_N − y_DMFT against 1/N at the compare times with the weighted fits y_∞ + b/N. It reads the CSVs that
# finite_size_tables.case_tables writes (series-, extrapolation-, fits-, fitlines-CASE.csv).
#
# finite_size_figure FIGURES CASE ROWS TITLE OBS SIZES TIMES TMAX EVERY REFERENCE M_PANEL [EXTRA]
#   FIGURES    the figures folder (the CSVs are in its parent)
#   CASE       the case name (CASE.gp, CASE.png)
#   ROWS       panel rows (one per observable, plus any the EXTRA block draws)
#   TITLE      the figure title (sizes and samples included)
#   OBS        observables, space-separated: m, energy
#   SIZES      the system sizes, space-separated
#   TIMES      the compare times, space-separated
#   TMAX       the last time (x range of the deviation panel)
#   EVERY      plot every EVERY-th time of the series (error bars)
#   REFERENCE  gnuplot plot items appended to the y(t) panel (", item, item"; may use o)
#   M_PANEL    gnuplot commands for the y(t) panel of m (key placement, range)
#   EXTRA      gnuplot commands drawn after the rows, inside the multiplot
finite_size_figure() {
  local figures=$1 c=$2 rows=$3 title=$4 obs=$5 sizes=$6 times=$7 tm=$8 every=$9 reference=${10} m_panel=${11}
  local extra=${12:-}
  local smallest
  smallest=$(tr ' ' '\n' <<<"$sizes" | sort -n | head -1)
  cat > "$figures/$c.gp" <<GP
# Re-render from this folder with: gnuplot $c.gp (reads ../series-$c.csv, ../extrapolation-$c.csv,
# ../fits-$c.csv, ../fitlines-$c.csv written by run.sh)
set terminal pngcairo size 1650,$((470 * rows + 50)) enhanced font 'DejaVu Sans,11'
set output '$c.png'
set datafile separator ','
set grid
set key opaque box font ',10'
sizes = "$sizes"
times = "$times"
obs = "$obs"
label(o) = (o eq 'm') ? 'm(t) = x·x^*/N' : 'e(t) = H(x(t))/N'
short(o) = (o eq 'm') ? 'm' : 'e'
colour(i) = word("#1f77b4 #ff7f0e #2ca02c #9467bd", i)
set multiplot layout $rows,3 title "$title" font ',13'
do for [j=1:words(obs)] {
  o = word(obs, j)
  set xlabel 't'
  set ylabel label(o)
  if (o eq 'm') { $m_panel } else { set key top right Right noreverse width -4 samplen 2 }
  set offsets 0, 0, 0, 0
  set title sprintf("%s: finite N and DMFT", label(o))
  plot for [i=1:words(sizes)] '../series-$c.csv' using 1:(column(o.'_'.word(sizes,i))):(column(o.'_'.word(sizes,i).'_err')) every $every \\
         with yerrorbars pt 7 ps 0.5 lc rgb colour(i) title 'N = '.word(sizes,i), \\
       '../series-$c.csv' using 1:(column(o.'_dmft')) with lines lw 2 lc rgb 'black' title 'DMFT'$reference
  unset yrange
  set ylabel short(o).'_N(t) − '.short(o).'_{DMFT}(t)'
  set key top right Right noreverse width -4 samplen 2
  set offsets 0, 0, graph 0.35, 0
  set xrange [-0.03 * $tm : 1.03 * $tm]
  set title 'deviation from DMFT; black: N → ∞ extrapolation ± s.e.'
  plot for [i=1:words(sizes)] '../series-$c.csv' using 1:(column(o.'_'.word(sizes,i).'_minus_dmft')):(column(o.'_'.word(sizes,i).'_err')) every $every \\
         with yerrorbars pt 7 ps 0.4 lc rgb colour(i) title 'N = '.word(sizes,i), \\
       '../fits-$c.csv' using 3:(strcol(1) eq o ? column('inf_minus_dmft') : NaN):'inf_err' \\
         with yerrorbars pt 5 ps 1.2 lw 2 lc rgb 'black' title 'N → ∞ (fit y_∞ + b/N)', \\
       0 with lines lw 1 lc rgb 'black' notitle
  set xlabel '1/N'
  set title 'y_N − y_{DMFT} against 1/N at the compare times; fit y_∞ + b/N'
  set key top left Left reverse width 1 samplen 2
  set xrange [-0.1/$smallest : 1.1/$smallest]
  plot for [k=1:words(times)] '../extrapolation-$c.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('minus_dmft') : NaN):'err' \\
         with yerrorbars pt 7 ps 0.8 lc k notitle, \\
       for [k=1:words(times)] '../fitlines-$c.csv' using 'inv_N':(strcol(1) eq o && column('k') == k ? column('y') : NaN) \\
         with lines lw 1.5 lc k title 't = '.word(times,k), \\
       for [k=1:words(times)] '../fits-$c.csv' using (0):(strcol(1) eq o && column('k') == k ? column('inf_minus_dmft') : NaN):'inf_err' \\
         with yerrorbars pt 5 ps 1.2 lc k notitle, \\
       0 with lines lw 1 lc rgb 'black' notitle
  unset xrange
}
$extra
unset multiplot
GP
  (cd "$figures" && gnuplot "$c.gp")
}
