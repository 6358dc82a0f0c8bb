# codebook
