# Shared by the figures of this study: waiting times of the run, the filter on t_w, the terminal.
set terminal pngcairo size 1200,520 enhanced font 'DejaVu Sans,11'
set datafile separator ','
tws = "10 100.16 1000.96 10014.72 100270.08"
tw(i) = real(word(tws, i))
sel(i, col) = (abs($1 - tw(i)) <= 1e-9 * (tw(i) + 1)) ? column(col) : 1/0
lab(i) = sprintf("t_w = %.0f", tw(i))
set grid
set key opaque box
