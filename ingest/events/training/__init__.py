"""Training the sentence event classifier: pool → annotation → ``make train`` → model + metrics.

Not imported at run time. See ``GUIDE.md`` (annotation guide) and ``README.md`` (the steps,
sources and licences) in this folder.
"""
