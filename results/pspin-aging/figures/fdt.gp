# Fluctuation–dissipation plots: Tχ against C at T = 0.5 (CK slope X, q_EA) and χ against C at T = 0.
load 'common.gp'
set output 'fdt.png'
set multiplot layout 1,2
set xlabel 'C(t_w+τ, t_w)'; set xrange [0:1]
set title 'T = 0.5: FDT plot'
set ylabel 'T χ(t_w+τ, t_w)'; set yrange [0:1]
set key bottom left
set arrow 1 from 0.6388241377678119, graph 0 to 0.6388241377678119, graph 1 nohead dt 3 lw 1.5 lc 'red'
set label 1 sprintf('q_{EA} = %.4f', 0.6388241377678119) at 0.6388241377678119 + 0.01, graph 0.05 tc 'red'
ck(x) = x < 0.6388241377678119 ? 1 - 0.6388241377678119 + 0.5653760415099746 * (0.6388241377678119 - x) : 1/0
fit_(x) = x < 0.626717975909244 ? 1 - 0.626717975909244 + 0.5371895990030274 * (0.626717975909244 - x) : 1/0
plot for [i=1:words(tws)] '../correlation_T0.5.csv' using 4:(sel(i,6)) with lines lw 2 title lab(i),      1 - x dt 2 lc 'black' lw 1.5 title 'FDT, slope −1',      ck(x) dt 2 lc 'red' lw 2 title sprintf('CK 1993: X = %.4f', 0.5653760415099746),      fit_(x) dt 4 lc 'blue' lw 1.5 title sprintf('fit, largest t_w: X = %.4f', 0.5371895990030274)
unset arrow 1; unset label 1
set title 'T = 0: integrated response against C'
set ylabel 'χ(t_w+τ, t_w)'; set yrange [0:1.3]
set key bottom left
lim(x) = x < 1 ? 0.5773502691896258 + 0.5773502691896257 * (1 - x) : 1/0
plot for [i=1:words(tws)] '../correlation_T0.csv' using 4:(sel(i,5)) with lines lw 2 title lab(i),      lim(x) dt 2 lc 'red' lw 2 title sprintf('CK, T→0: χ = %.4f + %.4f (1 − C)', 0.5773502691896258, 0.5773502691896257)
unset multiplot
