set terminal pngcairo size 1200,480 font ",11"
set output "escapes.png"
set datafile separator ","
set multiplot layout 1,2 title "Spiked matrix-tensor p = 3, Δp = 1, gradient flow from m0 = 10^{-6}"
set logscale x
set format x "10^{%T}"
set xlabel "t"
set grid
set key center right
set title "overlap m(t)"
set ylabel "m"
set xrange [10:1e5]
plot for [d in "0.45 0.48 0.49"] "../overlap.csv" using (strcol(1) eq d && strcol(2) eq "geometric" ? $3 : 1/0):4 \
       with lines lw 2 title sprintf("geometric, Δ2 = %s", d), \
     for [d in "0.45 0.48 0.49"] "" using (strcol(1) eq d && strcol(2) eq "adaptive" ? $3 : 1/0):4 \
       with lines lw 1 dt 2 title sprintf("adaptive 512, Δ2 = %s", d), \
     "" using (strcol(2) eq "uniform" ? $3 : 1/0):4 with lines lw 1 lc rgb "black" title "uniform dt = 0.025, Δ2 = 0.45"
set title "energy e(t)"
set ylabel "e"
set key top right
plot for [d in "0.45 0.48 0.49"] "../overlap.csv" using (strcol(1) eq d && strcol(2) eq "geometric" ? $3 : 1/0):5 \
       with lines lw 2 title sprintf("geometric, Δ2 = %s", d), \
     for [d in "0.45 0.48 0.49"] "" using (strcol(1) eq d && strcol(2) eq "adaptive" ? $3 : 1/0):5 \
       with lines lw 1 dt 2 title sprintf("adaptive 512, Δ2 = %s", d)
unset multiplot
