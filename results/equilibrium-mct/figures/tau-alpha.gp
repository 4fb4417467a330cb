set terminal pngcairo size 900,560 font ",11"
set output "tau-alpha.png"
set datafile separator ","
set title "Relaxation time C(τ_α) = 1/e against T − T_d (T_d = 0.612372 predicted)"
set logscale xy
set format x "10^{%T}"
set format y "10^{%T}"
set xrange [5e-5:0.2]
set yrange [1:1e8]
set xlabel "T − T_d"
set ylabel "τ_α"
set grid
set key bottom left box opaque
Td = 0.6123724356957945
fn(x) = 0.1534098947542363 * (x + Td - 0.6123740341929466)**(-1.7664290931000202)
fw(x) = 0.23878151847907486 * (x + Td - 0.6125146849977331)**(-1.6699913592509348)
plot "../tau-alpha.csv" index 0 using 3:4 with points pt 7 ps 1.3 lc rgb "#1f77b4" title "τ_α, T − T_d ∈ [10^{-4}, 10^{-2}]",      "" index 1 using 3:4 with points pt 6 ps 1.6 lc rgb "#d62728" title "τ_α, T − T_d ∈ [10^{-3}, 10^{-1}]",      fn(x) with lines lw 2 lc rgb "#1f77b4" title sprintf("fit: γ = %.4f", 1.7664290931000202),      fw(x) with lines lw 2 dt 2 lc rgb "#d62728" title sprintf("fit: γ = %.4f", 1.6699913592509348),      0.1534098947542363 * x**(-1.7649803300691012) with lines dt 3 lw 2 lc rgb "black" title "MCT slope γ = 1.7650"
