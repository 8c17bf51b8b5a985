// Tests of the siliconflow adapter (being written).
