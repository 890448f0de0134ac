"""What township, county and province look at: figures per region, within the user's scope."""
