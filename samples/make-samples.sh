#!/usr/bin/env bash
# Regenerates the sample clips and music with ffmpeg. The results are committed, so the
# quick start does not need this; run it only to change the samples.
set -euo pipefail
cd "$(dirname "$0")"
ff() { ffmpeg -nostdin -y -v error "$@"; }
# A street scene with a voice-like modulated tone, 6 s, H.264 + AAC.
ff -f lavfi -i "testsrc2=size=480x270:rate=25:duration=6" \
   -f lavfi -i "sine=frequency=220:duration=6,volume='0.5+0.4*sin(2*PI*3*t)':eval=frame" \
   -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -c:a aac -b:a 64k -shortest clips/street.mp4
# A QuickTime clip with its own soundtrack, 5 s.
ff -f lavfi -i "smptebars=size=480x270:rate=25:duration=5" \
   -f lavfi -i "anoisesrc=color=pink:amplitude=0.1:duration=5" \
   -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -c:a aac -b:a 64k -shortest clips/bars.mov
# A silent clip: no audio track at all, 4 s.
ff -f lavfi -i "mandelbrot=size=480x270:rate=25,trim=duration=4" \
   -c:v libx264 -preset veryfast -crf 32 -pix_fmt yuv420p -an clips/silent.mp4
# A short piano-like loop for the row that brings its own music.
ff -f lavfi -i "sine=frequency=261.63:duration=8" -f lavfi -i "sine=frequency=329.63:duration=8" \
   -f lavfi -i "sine=frequency=392:duration=8" \
   -filter_complex "[0][1][2]amix=inputs=3,volume='0.6*exp(-mod(t,1))':eval=frame,aformat=channel_layouts=stereo" \
   -c:a aac -b:a 96k music/piano-loop.m4a
ls -l clips music
