// One video consultation in this browser: camera and microphone, the signalling WebSocket (offer, answer, trickled
// ICE, chat), the peer connection, reconnecting after a drop. Plain WebRTC; media goes peer to peer, never through
// the server. Shared by the portal, the workspace and the guest page; `ticket()` is how each asks for a ticket.

const RECONNECT_MS = [500, 1000, 2000, 4000, 8000];
// "disconnected" often heals by itself within a second or two; after this, restart ICE.
const DISCONNECTED_GRACE_MS = 2500;

/**
 * States: idle, media, connecting, waiting (patient not admitted yet), joined (in the room, no peer), in-call,
 * reconnecting, ended, refused. `onChange()` is called after every change; the page redraws from the fields.
 */
export class Call {
  /**
   * @param opts.ticket async () => {ticket, path, iceServers}: a signalling ticket from the REST API
   * @param opts.role   'HOST' (makes no offer of its own until a peer joins), 'PATIENT' or 'GUEST'
   */
  constructor({ ticket, role, onChange }) {
    this.ticket = ticket;
    this.role = role;
    this.onChange = onChange || (() => {});
    this.polite = role !== 'HOST'; // on an offer collision the host's offer wins
    this.clientId = crypto.randomUUID(); // this page's instance: a reloaded peer needs a new connection
    this.state = 'idle';
    this.local = null;
    this.remote = null;
    this.audioOnly = false;
    this.cameraFailed = false;
    this.muted = false;
    this.cameraOff = false;
    this.messages = [];
    this.peerName = '';
    this.error = '';
    this.pc = null;
    this.socket = null;
    this.iceServers = [];
    this.attempt = 0;
    this.remoteClientId = null;
    this.pendingIce = [];
    this.makingOffer = false;
    this.iceRestarts = 0;
    this.closed = false;
    // For the browser test (and a curious support engineer): the live connection and its statistics.
    window.__pavilionCall = this;
  }

  set(fields) {
    Object.assign(this, fields);
    this.onChange();
  }

  /** Camera and microphone; without a camera (or when it fails) audio only. */
  async openMedia() {
    if (this.local) return;
    this.set({ state: 'media' });
    try {
      this.local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    } catch (videoFailure) {
      try {
        this.local = await navigator.mediaDevices.getUserMedia({ audio: true });
        this.audioOnly = true;
        this.cameraFailed = true;
      } catch (audioFailure) {
        // Neither: the call still works to see and hear the other side.
        this.local = new MediaStream();
        this.audioOnly = true;
        this.cameraFailed = true;
      }
    }
    this.onChange();
  }

  /** Opens the signalling connection with a fresh ticket. */
  async connect() {
    if (this.closed) return;
    this.set({ state: this.state === 'in-call' || this.attempt > 0 ? 'reconnecting' : 'connecting' });
    let access;
    try {
      access = await this.ticket();
    } catch (err) {
      if (err && (err.status === 409 || err.status === 403 || err.status === 404 || err.status === 410)) {
        // The consultation is over (or no longer ours): nothing to reconnect to.
        this.finish(err.status === 409 ? 'ended' : 'refused', err);
        return;
      }
      this.retry();
      return;
    }
    this.iceServers = access.iceServers || [];
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}${access.path}`);
    this.socket = socket;
    socket.onmessage = (e) => this.receive(e.data);
    socket.onclose = (e) => this.socketClosed(socket, e);
  }

  retry() {
    if (this.closed) return;
    const wait = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)];
    this.attempt++;
    this.set({ state: 'reconnecting' });
    setTimeout(() => this.connect(), wait);
  }

  socketClosed(socket, e) {
    if (socket !== this.socket || this.closed) return;
    this.socket = null;
    if (e.code === 1008 && e.reason !== 'too many messages') {
      this.finish('refused');
    } else if (e.code === 1000 && this.state === 'ended') {
      this.finish('ended');
    } else {
      // A drop (network, a restarted proxy): a new ticket and a new socket; the consultation stays in call.
      this.retry();
    }
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ ...message, clientId: this.clientId }));
      return true;
    }
    return false;
  }

  async receive(text) {
    let m;
    try {
      m = JSON.parse(text);
    } catch (e) {
      return;
    }
    const from = m.from || {};
    if (m.to && m.to !== this.clientId) return; // meant for another page in the room
    if (['offer', 'answer', 'ice'].includes(m.type) && !this.isPeer(from)) return;
    switch (m.type) {
      case 'welcome':
        this.attempt = 0;
        this.set({ state: m.state === 'WAITING' ? 'waiting' : (this.pc && this.remoteClientId ? 'reconnecting' : 'joined') });
        break;
      case 'admitted':
        this.set({ state: 'joined' });
        break;
      case 'peer-joined':
        // The one already in the room offers to the newcomer (after a drop: with an ICE restart). A call is
        // between the doctor and the patient: anyone else who joins the room is no peer of this connection.
        if (!this.isPeer(from)) break;
        this.peerName = from.name || this.peerName;
        await this.offer();
        break;
      case 'peer-left':
        if (this.state === 'in-call') this.set({ state: 'reconnecting' });
        break;
      case 'offer':
        await this.takeOffer(m);
        break;
      case 'answer':
        await this.takeAnswer(m);
        break;
      case 'ice':
        await this.takeIce(m);
        break;
      case 'chat':
        this.messages.push({ own: false, name: from.name || '', text: String(m.text || ''), at: new Date() });
        this.onChange();
        break;
      case 'bye':
        this.set({ state: 'joined', remote: null });
        this.dropPeer();
        break;
      case 'ended':
        this.set({ state: 'ended' });
        break;
      case 'error':
        this.set({ error: m.code || 'error' });
        break;
      default:
        break;
    }
  }

  /** The other side of this two-party call: the host for the patient, the patient for the host. */
  isPeer(from) {
    return this.role === 'HOST' ? from.role === 'PATIENT' : from.role === 'HOST';
  }

  peer() {
    if (this.pc) return this.pc;
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    this.pc = pc;
    this.remote = new MediaStream();
    for (const track of this.local ? this.local.getTracks() : []) pc.addTrack(track, this.local);
    // Without a camera we still receive the other side's video.
    if (!this.local || this.local.getVideoTracks().length === 0) pc.addTransceiver('video', { direction: 'recvonly' });
    if (!this.local || this.local.getAudioTracks().length === 0) pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (e) => {
      if (!this.remote.getTracks().includes(e.track)) this.remote.addTrack(e.track);
      this.onChange();
    };
    pc.onicecandidate = (e) => {
      if (e.candidate) this.send({ type: 'ice', candidate: e.candidate.toJSON() });
    };
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      if (pc.connectionState === 'connected') this.set({ state: 'in-call', attempt: 0 });
    };
    pc.oniceconnectionstatechange = () => {
      if (pc !== this.pc) return;
      const s = pc.iceConnectionState;
      if (s === 'failed') {
        this.restartIce();
      } else if (s === 'disconnected') {
        this.set({ state: 'reconnecting' });
        setTimeout(() => {
          if (pc === this.pc && pc.iceConnectionState === 'disconnected') this.restartIce();
        }, DISCONNECTED_GRACE_MS);
      }
    };
    return pc;
  }

  dropPeer() {
    if (this.pc) this.pc.close();
    this.pc = null;
    this.remoteClientId = null;
    this.pendingIce = [];
  }

  /** ICE restart over the signalling socket; with the socket gone, reconnecting it does the restart. */
  restartIce() {
    if (this.closed) return;
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.offer();
    } else if (!this.socket) {
      this.connect();
    }
  }

  async offer() {
    const pc = this.peer();
    try {
      this.makingOffer = true;
      const restart = !!pc.remoteDescription;
      await pc.setLocalDescription(await pc.createOffer({ iceRestart: restart }));
      if (restart) this.iceRestarts++;
      this.send({ type: 'offer', sdp: pc.localDescription.sdp });
    } catch (err) {
      this.set({ error: 'offer-failed' });
    } finally {
      this.makingOffer = false;
    }
  }

  async takeOffer(m) {
    if (this.remoteClientId && m.clientId !== this.remoteClientId) {
      this.dropPeer(); // the other side reloaded its page: a new connection, not a restart
    }
    const pc = this.peer();
    const collision = this.makingOffer || pc.signalingState !== 'stable';
    if (collision && !this.polite) return; // ours wins; the other side rolls back and answers it
    this.remoteClientId = m.clientId;
    this.peerName = (m.from && m.from.name) || this.peerName;
    await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp }); // rolls our own offer back on a collision
    await this.flushIce();
    await pc.setLocalDescription(await pc.createAnswer());
    this.send({ type: 'answer', sdp: pc.localDescription.sdp, to: m.clientId });
    this.settled(pc);
  }

  /** After an ICE restart over a connection that never broke (only the socket dropped), no state event comes. */
  settled(pc) {
    if (pc.connectionState === 'connected' && this.state !== 'in-call') this.set({ state: 'in-call' });
  }

  async takeAnswer(m) {
    const pc = this.pc;
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    this.remoteClientId = m.clientId;
    this.peerName = (m.from && m.from.name) || this.peerName;
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp: m.sdp });
      await this.flushIce();
      this.settled(pc);
    } catch (err) {
      // An answer from a page that was reloaded meanwhile: start over with a new connection.
      this.dropPeer();
      await this.offer();
    }
  }

  async takeIce(m) {
    if (!m.candidate) return;
    if (!this.pc || !this.pc.remoteDescription || (this.remoteClientId && m.clientId !== this.remoteClientId)) {
      this.pendingIce.push(m);
      return;
    }
    try {
      await this.pc.addIceCandidate(m.candidate);
    } catch (err) {
      // A candidate of an older ICE generation after a restart: harmless, dropped.
    }
  }

  async flushIce() {
    const waiting = this.pendingIce.filter((m) => m.clientId === this.remoteClientId);
    this.pendingIce = [];
    for (const m of waiting) {
      try {
        await this.pc.addIceCandidate(m.candidate);
      } catch (err) {
        // as above
      }
    }
  }

  chat(text) {
    const clean = String(text || '').trim();
    if (!clean) return false;
    if (!this.send({ type: 'chat', text: clean })) return false;
    this.messages.push({ own: true, name: '', text: clean, at: new Date() });
    this.onChange();
    return true;
  }

  toggleMute() {
    this.muted = !this.muted;
    for (const t of this.local ? this.local.getAudioTracks() : []) t.enabled = !this.muted;
    this.onChange();
  }

  toggleCamera() {
    this.cameraOff = !this.cameraOff;
    for (const t of this.local ? this.local.getVideoTracks() : []) t.enabled = !this.cameraOff;
    this.onChange();
  }

  /** Audio only on a poor connection: the camera is released and no video is sent (no renegotiation needed). */
  async audioOnlyNow() {
    if (this.audioOnly) return;
    for (const sender of this.pc ? this.pc.getSenders() : []) {
      if (sender.track && sender.track.kind === 'video') await sender.replaceTrack(null);
    }
    for (const t of this.local ? this.local.getVideoTracks() : []) {
      t.stop();
      this.local.removeTrack(t);
    }
    this.set({ audioOnly: true });
  }

  /** Hangs up here: the peer connection, the socket and the camera are closed. */
  leave() {
    this.send({ type: 'bye' });
    this.finish(this.state === 'ended' ? 'ended' : 'left');
  }

  finish(state, err) {
    this.closed = true;
    this.dropPeer();
    if (this.socket) {
      const s = this.socket;
      this.socket = null;
      s.close(1000);
    }
    for (const t of this.local ? this.local.getTracks() : []) t.stop();
    this.local = null;
    this.remote = null;
    if (window.__pavilionCall === this) window.__pavilionCall = null;
    this.set({ state, error: err ? (err.status || 'error') : this.error });
  }
}
