#pragma once
// A packet's headers as the Packets layer shows them when the mouse is over one, one line a
// header, in the order they sit in the frame: IPv4, then TCP, UDP or ICMP, then what the kernel
// keeps beside the headers (the skb mark), then the payload's first line.
//   IPv4  10.0.2.15 -> 172.30.228.255  ttl 64  length 60  protocol tcp
//   TCP   51223 -> 80  [SYN]  seq 1000  ack 0
//   mark  0x4000
//   payload  GET /info HTTP/1.1
#include <string>
#include <vector>

#include <kubenetsim/net/stack.hpp>

namespace kns::ui {

std::vector<std::string> headerLines(const net::Packet& p);

} // namespace kns::ui
