# Shared by the figures of this study: per-t_w selection and the terminal.
set terminal pngcairo size 1200,520 enhanced font 'DejaVu Sans,11'
set datafile separator ','
twg = "1 10 100.16 1000.96 10014.72 100270.08"
twf = "1 4 16 64 150 250"
tstar = 207.60648275119686
sel(ws, i, col) = (abs($1 - real(word(ws, i))) <= 1e-9 * (real(word(ws, i)) + 1)) ? column(col) : 1/0
lab(ws, i) = sprintf("t_w = %g", real(word(ws, i)))
set grid
set key opaque box
set logscale xy
set format x '10^{%L}'; set format y '10^{%L}'
