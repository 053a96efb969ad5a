#include <iostream>
int main() { std::cerr << "kubenetsim: the window is not built yet; use kubenetsim-cli\n"; return 2; }
