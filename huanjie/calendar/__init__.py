"""The holiday table: statutory holidays and make-up working days every deadline is counted with."""
