package dev.justsaying.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class WhenTheStackModeAndItsCpuAreReported {

    private final StackMode.Converter converter = new StackMode.Converter();

    @Test
    void theOptionReadsBothModesAndRefusesOthers() {
        assertThat(converter.convert("separate")).isEqualTo(StackMode.SEPARATE);
        assertThat(converter.convert("in-process")).isEqualTo(StackMode.IN_PROCESS);
        assertThatThrownBy(() -> converter.convert("IN_PROCESS")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("separate, in-process");
    }

    @Test
    void eachProcessGetsItsOwnCellPerThousandAndWhatWasNotMeasuredSaysSo() {
        CpuUse before = new CpuUse(10, 4, Double.NaN, Double.NaN, 1);
        CpuUse after = new CpuUse(12.5, 5, Double.NaN, Double.NaN, 1.5);

        assertThat(after.minus(before).perThousandCells(500)).isEqualTo("5.00 | 3.00 | n/a | n/a | 1.00");
        assertThat(CpuUse.UNMEASURED.perThousandCells(500)).isEqualTo("n/a | n/a | n/a | n/a | n/a");
        assertThat(CpuUse.HEADER_CELLS.split("\\|")).hasSize(CpuUse.COLUMNS);
    }

    @Test
    void eachJvmShowsItsTotalNextToItWithoutItsCompilerThreads() {
        CpuUse used = CpuUse.of(new ProcCpu.Jvm(3, 1), new ProcCpu.Jvm(2, 0.5), 0.25);

        assertThat(used.perThousandCells(1000)).isEqualTo("3.00 | 2.00 | 2.00 | 1.50 | 0.25");
        assertThat(CpuUse.of(new ProcCpu.Jvm(3, Double.NaN), null, Double.NaN).perThousandCells(1000))
                .isEqualTo("3.00 | n/a | n/a | n/a | n/a");
    }
}
