// Tests of the zhipucoding adapter (being written).
