#include <doctest/doctest.h>

#include <kubenetsim/proxy/chain_names.hpp>

using namespace kns;
using namespace kns::proxy;

TEST_CASE("legacy chain names of the seed tutorial's service and endpoints") {
    const std::string name = servicePortName(Era::Legacy, "default", "simpleservice", "");
    CHECK(name == "default/simpleservice:");
    CHECK(serviceChain(name, "TCP") == "KUBE-SVC-EZC6WLOVQADP4IAW");
    CHECK(endpointChain(name, "TCP", "172.17.0.3:9876") == "KUBE-SEP-4SQFZS32ZVMTQEZV");
    CHECK(endpointChain(name, "TCP", "172.17.0.4:9876") == "KUBE-SEP-PXYYII6AHMUWKLYX");
}

TEST_CASE("modern kube-proxy drops the trailing colon of an unnamed port, changing every hash") {
    const std::string name = servicePortName(Era::Modern, "default", "simpleservice", "");
    CHECK(name == "default/simpleservice");
    CHECK(serviceChain(name, "TCP") == "KUBE-SVC-EXBNZ76JOZU7PBN2");
    CHECK(endpointChain(name, "TCP", "172.17.0.3:9876") == "KUBE-SEP-EJERYEAV7XNEU6DK");
    CHECK(endpointChain(name, "TCP", "172.17.0.4:9876") == "KUBE-SEP-ESWIR3TQWELI3T4K");
    CHECK(serviceChain(servicePortName(Era::Modern, "default", "test-svc", ""), "TCP") == "KUBE-SVC-QKNQQNIN727HO3XU");
}

TEST_CASE("named ports hash the same in both eras") {
    for (Era era : {Era::Legacy, Era::Modern}) {
        CHECK(serviceChain(servicePortName(era, "ns1", "svc1", "p80"), "TCP") == "KUBE-SVC-XPGD46QRK7WJZT7O");
        CHECK(endpointChain(servicePortName(era, "ns1", "svc1", "p80"), "TCP", "10.180.0.1:80") == "KUBE-SEP-SXIVWICOYRO3J4NJ");
        CHECK(serviceChain(servicePortName(era, "default", "kubernetes", "https"), "TCP") == "KUBE-SVC-NPX46M4PTMTKRN6Y");
        CHECK(serviceChain(servicePortName(era, "kube-system", "kube-dns", "dns"), "UDP") == "KUBE-SVC-TCOU7JCQXEZGVUNU");
        CHECK(serviceChain(servicePortName(era, "kube-system", "kube-dns", "dns-tcp"), "TCP") == "KUBE-SVC-ERIFXISQEP7F7OF4");
    }
}
