set terminal pngcairo size 1200,520 font ",11"
set output "aging-error.png"
set datafile separator ","
set multiplot layout 1,2 title "C(t, t_w) against the exact p = 2 solution (T = 0, t_w = 10², 10⁴)"
set logscale x
set format x "10^{%T}"
set xlabel "t / t_w"
set ylabel "C_{adaptive} − C_{exact}"
set key bottom left spacing 1.1
set grid
do for [tw in "100 10000"] {
  set title sprintf("t_w = %s", tw)
  plot for [w in "256 512 1024"] "../aging-error.csv" using (strcol(1) eq "0" && $2 == w && strcol(3) eq "pinned" && abs($4 - tw) < 0.1 * tw ? $5 / $4 : 1/0):($6 - $7) \
         with lines lw 2 title sprintf("N = %s", w), \
       "" using (strcol(1) eq "0" && $2 == 512 && strcol(3) eq "defects" && abs($4 - tw) < 0.1 * tw ? $5 / $4 : 1/0):($6 - $7) \
         with lines lw 2 dt 2 title "N = 512, --lag-defect"
}
unset multiplot
