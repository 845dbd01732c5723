package io.igrelay.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sampler's reading of jcmd's and the kernel's answers, on answers copied from a JDK 17 and Linux. */
class MemorySamplerTest {

    @Test
    void shouldReadG1sUsedHeapAndNotItsMetaspace() {
        String g1 = """
                22288:
                 garbage-first heap   total 65536K, used 1316K [0x00000000fc000000, 0x0000000100000000)
                  region size 1024K, 1 young (1024K), 0 survivors (0K)
                 Metaspace       used 73K, committed 320K, reserved 1114112K
                  class space    used 3K, committed 128K, reserved 1048576K
                """;

        assertThat(MemorySampler.heapUsedBytes(g1)).isEqualTo(1316L * 1024);
    }

    @Test
    void shouldAddTheGenerationsOfTheSerialCollectorButNotTheirSpaces() {
        String serial = """
                22347:
                 def new generation   total 19648K, used 1405K [0x00000000fc000000, 0x00000000fd550000)
                  eden space 17472K,   8% used [0x00000000fc000000, 0x00000000fc15f778, 0x00000000fd110000)
                  from space 2176K,   0% used [0x00000000fd110000, 0x00000000fd110000, 0x00000000fd330000)
                 tenured generation   total 43712K, used 2048K [0x00000000fd550000, 0x0000000100000000)
                   the space 43712K,   0% used [0x00000000fd550000, 0x00000000fd550000, 0x0000000100000000)
                 Metaspace       used 129K, committed 320K, reserved 1114112K
                """;

        assertThat(MemorySampler.heapUsedBytes(serial)).isEqualTo((1405L + 2048) * 1024);
    }

    @Test
    void shouldReadZgcsHeapLineInMegabytes() {
        String z = """
                22596:
                 ZHeap           used 2M, capacity 64M, max capacity 64M
                 Metaspace       used 129K, committed 320K, reserved 1114112K
                """;

        assertThat(MemorySampler.heapUsedBytes(z)).isEqualTo(2L << 20);
    }

    @Test
    void shouldRefuseAnAnswerWithoutAHeapLineNamingIt() {
        assertThatThrownBy(() -> MemorySampler.heapUsedBytes("22596:\nCommand executed successfully\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no used heap");
    }

    @Test
    void shouldReadTheResidentSetFromProcStatus() {
        String status = "Name:\tjava\nVmPeak:\t 3530852 kB\nVmHWM:\t  412000 kB\nVmRSS:\t  402516 kB\n"
                + "RssAnon:\t  380000 kB\n";

        assertThat(MemorySampler.rssBytes(status)).isEqualTo(402_516L * 1024);
    }

    @Test
    void shouldReadTheResidentSetOfThisVeryProcess() {
        assertThat(MemorySampler.rssBytes(ProcessHandle.current().pid())).isGreaterThan(1L << 20);
        assertThat(MemorySampler.rssBytes(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
