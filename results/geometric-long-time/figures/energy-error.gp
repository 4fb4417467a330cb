set terminal pngcairo size 1200,520 font ",11"
set output "energy-error.png"
set datafile separator ","
set multiplot layout 1,2 title "p = 3 from a random start: |e − e_{ref}|, e_{ref} the geometric grid's extrapolation from K = 16, 32"
set logscale xy
set format y "10^{%T}"
set format x "10^{%T}"
set xlabel "t"
set ylabel "|e − e_{ref}|"
set key top right spacing 1.1
set grid
set xrange [1:1e6]
set yrange [1e-8:1e-2]
do for [T in "0 0.5"] {
  set title sprintf("T = %s", T)
  plot for [K in "8 16 32"] "../energy.csv" using (strcol(1) eq T && strcol(2) eq "geometric" && $3 == K ? $4 : 1/0):(abs($6)) \
         with lines lw 2 title sprintf("geometric, K = %s", K), \
       for [w in "512 1024"] "" using (strcol(1) eq T && strcol(2) eq "adaptive" && $3 == w ? $4 : 1/0):(abs($6)) \
         with lines lw 2 dt 2 title sprintf("adaptive, window %s", w)
}
unset multiplot
