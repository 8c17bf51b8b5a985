// Tests of the deepseek adapter (being written).
