// Tests of the elevenlabs adapter (being written).
