# Re-render from this folder with: gnuplot overlaps.gp (reads ../m_dmft.csv, ../amp_state_evolution.csv, ../final_overlaps.csv)
set terminal pngcairo size 1200,1150 enhanced font 'DejaVu Sans,11'
set output 'overlaps.png'
set datafile separator ','
set logscale y
set yrange [1e-4:30]
set ytics ('10^{-4}' 1e-4, '10^{-3}' 1e-3, '10^{-2}' 1e-2, '10^{-1}' 0.1, '1' 1)
set grid
set key top left opaque box font ',10'
deltas = "0.6 0.75 0.9"
fpstr(col, i) = system(sprintf("awk -F, -v c=%d 'NR==%d+1{print $c}' ../final_overlaps.csv", col, i))
fp(col, i) = real(fpstr(col, i))
set multiplot layout words(deltas),2 title "Spiked matrix-tensor, p = 3, Δp = 1, m_0 = 1e-3: gradient flow and Langevin (DMFT, N → ∞) against AMP (state evolution)\nthresholds along Δ2: gradient flow 0.5, Langevin T = 1 (heuristic) 0.707, AMP 1" font ',13'
do for [i=1:words(deltas)] {
  d = word(deltas, i)
  s = fpstr(11, i); mgf = (s eq '' ? 1e-10 : real(s)); meq = fp(12, i); amp = fp(14, i)
  set xrange [0:200]
  set xlabel 't (Langevin time units)'
  set ylabel 'overlap m(t) = x·x^*/N'
  set title sprintf("Δ2 = %s: DMFT, gradient flow (T = 0) and Langevin (T = 1)", d)
  plot '../m_dmft.csv' using 1:(column('m_gf_'.d)) with lines lw 2.5 lc rgb '#1f77b4' title 'gradient flow, T = 0',        '../m_dmft.csv' using 1:(column('m_langevin_'.d)) with lines lw 2.5 dt 2 lc rgb '#d62728' title 'Langevin, T = 1',        mgf with lines lw 1 dt 3 lc rgb '#1f77b4' title (mgf > 1e-9 ? sprintf('GF fixed point m = %.3f', mgf) : 'no GF fixed point with m > 0'),        meq with lines lw 1 dt 3 lc rgb '#d62728' title sprintf('T = 1 equilibrium m = m_{SE} = %.3f', meq)
  set xrange [0:200]
  set xlabel 'AMP iteration'
  set ylabel 'overlap'
  set title sprintf("Δ2 = %s: AMP state evolution m ← V′(m)/(1+V′(m))", d)
  plot '../amp_state_evolution.csv' using 1:(column('overlap_'.d)) with lines lw 2.5 lc rgb '#2ca02c' title 'AMP estimate on the sphere, m/√q = √m_{SE}',        '../amp_state_evolution.csv' using 1:(column('m_'.d)) with lines lw 2 dt 2 lc rgb '#9467bd' title 'm_{SE} (overlap of a posterior sample)',        amp with lines lw 1 dt 3 lc rgb '#2ca02c' title sprintf('fixed point √m_{SE} = %.3f', amp)
}
unset multiplot
