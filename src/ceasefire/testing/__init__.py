"""Tools for testing code that uses ceasefire, and for testing ceasefire itself.

:mod:`ceasefire.testing.strategies` holds hypothesis strategies for every
input type; it needs the ``testing`` extra (``pip install 'ceasefire[testing]'``).
Importing :mod:`ceasefire` never imports this package, and importing this
package alone does not import hypothesis.
"""
